/**
 * SurveyJS as its documentation sets it up (survey-core + survey-js-ui, the default theme),
 * bundled by the same Vite as Checkpoint. Progress is saved the way SurveyJS documents it: the
 * data and the page number to localStorage on every value and page change.
 */
/* global URLSearchParams, localStorage */
import 'survey-core/survey-core.min.css';
import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';

const KEY = 'bench-survey-progress';
const url = new URLSearchParams(location.search).get('content');
const json = await (await fetch(url)).json();
const survey = new Model(json);
const save = (sender) => {
  localStorage.setItem(KEY, JSON.stringify({ pageNo: sender.currentPageNo, data: sender.data }));
};
survey.onValueChanged.add(save);
survey.onCurrentPageChanged.add(save);
renderSurvey(survey, document.getElementById('survey'));
